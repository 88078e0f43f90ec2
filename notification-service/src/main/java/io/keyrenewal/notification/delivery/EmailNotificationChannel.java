package io.keyrenewal.notification.delivery;

import io.keyrenewal.contracts.partner.Attachment;
import io.keyrenewal.contracts.partner.PartnerNotification;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;

/**
 * Sends a message by e-mail over SMTP: multipart plain text + HTML, attachments (the certificate as PEM) attached,
 * the notification id in the header {@code X-Keyrenewal-Notification-Id} so that a repeated mail can be recognised.
 */
@Component
class EmailNotificationChannel implements NotificationChannel {

    static final String NOTIFICATION_ID_HEADER = "X-Keyrenewal-Notification-Id";

    private final JavaMailSender mailSender;
    private final EmailProperties properties;

    EmailNotificationChannel(JavaMailSender mailSender, EmailProperties properties) {
        this.mailSender = mailSender;
        this.properties = properties;
    }

    @Override
    public String name() {
        return Address.EMAIL;
    }

    @Override
    public void deliver(PendingDelivery delivery) {
        PartnerNotification notification = delivery.notification();
        try {
            MimeMessage mail = mailSender.createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(mail, true, StandardCharsets.UTF_8.name());
            helper.setFrom(properties.from());
            helper.setTo(delivery.address().destination());
            helper.setSubject(notification.subject());
            helper.setText(notification.body(), delivery.html());
            for (Attachment attachment : notification.attachments()) {
                helper.addAttachment(attachment.fileName(),
                        new ByteArrayResource(attachment.content().getBytes(StandardCharsets.UTF_8)),
                        attachment.mediaType());
            }
            mail.setHeader(NOTIFICATION_ID_HEADER, notification.notificationId());
            mailSender.send(mail);
        } catch (MessagingException | MailException e) {
            throw new DeliveryFailed("the SMTP server did not accept " + notification.notificationId() + ": "
                    + e.getMessage(), e);
        }
    }
}
