package org.tripapproval.notification;

/** A message as written: subject, HTML and its plain-text alternative. */
record RenderedMail(String subject, String html, String text) {}
