package org.tripapproval.notification;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * On the embedded default, mail really goes over SMTP, to a GreenMail server that starts with the
 * application on the loopback address; people read it at /mail (or over IMAP). Production (postgres
 * profile) sends to a real SMTP server instead.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "trips.mail.embedded-server", havingValue = "true")
class EmbeddedMailServer {

  @Bean(initMethod = "start", destroyMethod = "stop")
  GreenMail greenMail(@Value("${spring.mail.port}") int smtpPort, MailSettings settings) {
    GreenMail greenMail =
        new GreenMail(
            new ServerSetup[] {
              new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
              new ServerSetup(settings.imapPort(), "127.0.0.1", ServerSetup.PROTOCOL_IMAP)
            });
    greenMail.withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
    return greenMail;
  }
}
