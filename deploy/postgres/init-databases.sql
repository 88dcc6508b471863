-- Runs once, when the postgres container initialises an empty volume (docker-entrypoint-initdb.d).
-- One database per service: no service reads another's tables.
CREATE DATABASE intake;
CREATE DATABASE routing;
CREATE DATABASE postal_delivery;
CREATE DATABASE notification;
CREATE DATABASE reporting;
