package org.tripapproval.notification;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import java.io.IOException;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** /mail: the mail the embedded server received for the logged-in user, newest first, as text. */
@Controller
@ConditionalOnBean(GreenMail.class)
class MailInbox {

  record ReceivedMail(String subject, Date sent, String text) {}

  private final GreenMail greenMail;
  private final IdentityService identityService;

  MailInbox(GreenMail greenMail, IdentityService identityService) {
    this.greenMail = greenMail;
    this.identityService = identityService;
  }

  @GetMapping("/mail")
  String inbox(Principal principal, Model model) throws MessagingException, IOException {
    User user = identityService.createUserQuery().userId(principal.getName()).singleResult();
    String address = user == null ? null : user.getEmail();
    List<ReceivedMail> mails = new ArrayList<>();
    for (Message message : greenMail.getReceivedMessages()) {
      boolean mine =
          address != null
              && Arrays.stream(message.getAllRecipients())
                  .anyMatch(recipient -> recipient.toString().equalsIgnoreCase(address));
      if (mine) {
        mails.add(
            0, new ReceivedMail(message.getSubject(), message.getSentDate(), plainText(message)));
      }
    }
    model.addAttribute("address", address);
    model.addAttribute("mails", mails);
    return "mail-inbox";
  }

  private static String plainText(Part part) throws MessagingException, IOException {
    if (part.isMimeType("text/plain")) {
      return (String) part.getContent();
    }
    if (part.getContent() instanceof Multipart multipart) {
      for (int i = 0; i < multipart.getCount(); i++) {
        String text = plainText(multipart.getBodyPart(i));
        if (!text.isEmpty()) {
          return text;
        }
      }
    }
    return "";
  }
}
