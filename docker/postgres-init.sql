-- One database per service (renewal is created by POSTGRES_DB); each service owns its own store.
CREATE DATABASE keystore;
CREATE DATABASE notification;
