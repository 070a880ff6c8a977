package org.tripapproval.people;

import org.tripapproval.trip.TripRequest.Rank;

/**
 * A person of the personnel directory: their stable id (the employee number), the unit they belong
 * to and their post and rank there, whether they are a principal leader (主要负责人) of it, and their
 * user where they have one.
 */
public record Person(
    String id,
    String name,
    String unit,
    String post,
    Rank rank,
    boolean principalLeader,
    String userId,
    boolean active) {}
