package org.tripapproval.notification;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.util.HtmlUtils;
import org.tripapproval.identity.Names;
import org.tripapproval.refusal.Refusal;

/**
 * /mail: the mail the embedded server received for the logged-in user, newest first, each shown as
 * its HTML part in a frame (/mail/{number}). A mail is served only to a recipient of it, in a
 * sandbox without scripts whose links open in a new tab. Who may ask is WebSecurity's mail chain:
 * anyone logged in, for their own mail.
 */
@Controller
@ConditionalOnBean(GreenMail.class)
class MailInbox {

  /**
   * The policy of a mail's frame: no script, nothing loaded from anywhere, links open outside the
   * sandbox in a new tab; only this site's /mail page may frame it.
   */
  static final String MAIL_POLICY =
      "sandbox allow-popups allow-popups-to-escape-sandbox; default-src 'none';"
          + " style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none';"
          + " frame-ancestors 'self'";

  /** One received mail as the list shows it; {@code number} is its place among all received. */
  record ReceivedMail(int number, String subject, Date sent) {}

  /** A mail that is not there, or not the caller's: the same answer, so nobody learns which. */
  static class NoSuchMail extends RuntimeException implements Refusal {
    NoSuchMail() {
      super("没有这封邮件 / there is no such mail");
    }

    @Override
    public int status() {
      return 404;
    }
  }

  private final GreenMail greenMail;
  private final IdentityService identityService;

  MailInbox(GreenMail greenMail, IdentityService identityService) {
    this.greenMail = greenMail;
    this.identityService = identityService;
  }

  @GetMapping("/mail")
  String inbox(Principal principal, Model model) throws MessagingException {
    Optional<User> user = user(principal);
    String address = user.map(User::getEmail).orElse(null);
    List<ReceivedMail> mails = new ArrayList<>();
    MimeMessage[] received = greenMail.getReceivedMessages();
    for (int number = received.length - 1; number >= 0; number--) {
      if (isFor(received[number], address)) {
        mails.add(
            new ReceivedMail(
                number, received[number].getSubject(), received[number].getSentDate()));
      }
    }
    model.addAttribute(
        "name",
        Phrase.person(user.map(Names::nameOf).filter(n -> !n.isEmpty()).orElse(principal.getName()))
            .zh());
    model.addAttribute("address", address);
    model.addAttribute("mails", mails);
    return "mail-inbox";
  }

  /** One mail as sent: its HTML part (its text part, escaped, when it has none). */
  @GetMapping("/mail/{number}")
  ResponseEntity<String> mail(@PathVariable int number, Principal principal)
      throws MessagingException, IOException {
    MimeMessage[] received = greenMail.getReceivedMessages();
    String address = user(principal).map(User::getEmail).orElse(null);
    if (number < 0 || number >= received.length || !isFor(received[number], address)) {
      throw new NoSuchMail();
    }
    String html = part(received[number], "text/html");
    if (html.isEmpty()) {
      html =
          "<!DOCTYPE html><meta charset=\"UTF-8\"><pre style=\"white-space: pre-wrap\">"
              + HtmlUtils.htmlEscape(part(received[number], "text/plain"))
              + "</pre>";
    }
    return ResponseEntity.ok()
        .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
        .header("Content-Security-Policy", MAIL_POLICY)
        .header("Referrer-Policy", "no-referrer")
        .header(HttpHeaders.CACHE_CONTROL, "no-store")
        .body(html);
  }

  private Optional<User> user(Principal principal) {
    return Optional.ofNullable(
        identityService.createUserQuery().userId(principal.getName()).singleResult());
  }

  private static boolean isFor(Message message, String address) throws MessagingException {
    return address != null
        && message.getAllRecipients() != null
        && Arrays.stream(message.getAllRecipients())
            .anyMatch(recipient -> recipient.toString().equalsIgnoreCase(address));
  }

  private static String part(Part part, String mimeType) throws MessagingException, IOException {
    if (part.isMimeType(mimeType)) {
      return (String) part.getContent();
    }
    if (part.getContent() instanceof Multipart multipart) {
      for (int i = 0; i < multipart.getCount(); i++) {
        String text = part(multipart.getBodyPart(i), mimeType);
        if (!text.isEmpty()) {
          return text;
        }
      }
    }
    return "";
  }
}
