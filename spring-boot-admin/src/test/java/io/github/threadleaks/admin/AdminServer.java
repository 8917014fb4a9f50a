package io.github.threadleaks.admin;

import de.codecentric.boot.admin.server.config.EnableAdminServer;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Configuration;

/** A Spring Boot Admin server as users run one, with this module on its classpath. */
@Configuration(proxyBeanMethods = false)
@EnableAutoConfiguration
@EnableAdminServer
class AdminServer {

}
