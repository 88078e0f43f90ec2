package io.keyrenewal.notification.delivery;

import io.keyrenewal.contracts.ContractJson;
import io.keyrenewal.contracts.partner.PartnerNotification;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;

/**
 * POSTs the message as {@code PartnerNotification} JSON to the partner's webhook URL, signed (see
 * {@link WebhookSignature}) with the partner's secret. Any 2xx answer acknowledges it.
 */
@Component
class WebhookNotificationChannel implements NotificationChannel {

    private final WebhookSecrets secrets;
    private final Clock clock;
    private final Duration timeout;
    private final HttpClient http;

    WebhookNotificationChannel(WebhookSecrets secrets, Clock clock, DeliveryProperties properties) {
        this.secrets = secrets;
        this.clock = clock;
        this.timeout = properties.httpTimeout();
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Override
    public String name() {
        return Address.WEBHOOK;
    }

    @Override
    public void deliver(PendingDelivery delivery) {
        PartnerNotification notification = delivery.notification();
        String partnerId = notification.partnerId().value();
        String secret = secrets.of(partnerId).orElseThrow(() -> new DeliveryFailed("no webhook secret for partner "
                + partnerId + ": set keyrenewal.notification.webhook-secrets." + partnerId, null));
        String body = ContractJson.write(notification);
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        HttpRequest request = HttpRequest.newBuilder(URI.create(delivery.address().destination()))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header(WebhookSignature.NOTIFICATION_ID_HEADER, notification.notificationId())
                .header(WebhookSignature.TIMESTAMP_HEADER, timestamp)
                .header(WebhookSignature.SIGNATURE_HEADER, WebhookSignature.sign(secret, timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new DeliveryFailed("the webhook of partner " + partnerId + " could not be reached: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryFailed("interrupted while calling the webhook of partner " + partnerId, e);
        }
        if (response.statusCode() / 100 != 2) {
            throw new DeliveryFailed("the webhook of partner " + partnerId + " answered HTTP "
                    + response.statusCode(), null);
        }
    }
}
