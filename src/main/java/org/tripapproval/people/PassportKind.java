package org.tripapproval.people;

import org.tripapproval.trip.Labelled;

/** The kinds of passport an official travels on (护照法, article 4). */
public enum PassportKind implements Labelled {
  diplomatic("外交护照", "Diplomatic passport"),
  service("公务护照", "Service passport"),
  official_ordinary("公务普通护照", "Official ordinary passport"),
  ordinary("普通护照", "Ordinary passport");

  private final Words words;

  PassportKind(String zh, String en) {
    this.words = new Words(name(), zh, en);
  }

  @Override
  public Words words() {
    return words;
  }
}
