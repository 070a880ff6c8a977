-- V5's tables for Spring Session JDBC are no longer used: under concurrent webapp requests a login
-- could be lost, so webapp sessions stay in the node and the load balancer keeps users on one node.
DROP TABLE SPRING_SESSION_ATTRIBUTES;
DROP TABLE SPRING_SESSION;
