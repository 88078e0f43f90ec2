-- partner entries now carry the public keys partners sign their confirmations with: room for several RSA keys
alter table partner_view alter column entry set data type varchar(1000000);
