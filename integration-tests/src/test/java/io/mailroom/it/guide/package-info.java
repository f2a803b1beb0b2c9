/**
 * The README's deploy guides, followed by a test as a new user follows them: a fresh Open Liberty
 * server and a fresh WildFly server base, the files and commands the README names (read from the
 * README itself where it shows a command), and an application built with Maven against Mailroom's
 * installed artifacts ({@code mailroom-bom}), which sends a committed and a rolled-back message.
 * Runs in its own failsafe execution ({@code deploy-guide}), after the in-server tests.
 */
package io.mailroom.it.guide;
