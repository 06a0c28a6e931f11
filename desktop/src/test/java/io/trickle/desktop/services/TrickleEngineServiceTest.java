package io.trickle.desktop.services;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TrickleEngineServiceTest {

    @Test
    void addsUserAndPasswordAsEncodedParameters() {
        assertEquals("jdbc:postgresql://db/app?user=dba&password=p%26ss%20w%3Drd",
                TrickleEngineService.withCredentials("jdbc:postgresql://db/app", "dba", "p&ss w=rd".toCharArray()));
        assertEquals("jdbc:postgresql://db/app?sslmode=require&user=dba",
                TrickleEngineService.withCredentials("jdbc:postgresql://db/app?sslmode=require", "dba", new char[0]));
    }

    @Test
    void aUserInTheUrlWins() {
        assertEquals("jdbc:postgresql://db/app?user=owner&password=x",
                TrickleEngineService.withCredentials("jdbc:postgresql://db/app?user=owner", "dba", "x".toCharArray()));
    }
}
