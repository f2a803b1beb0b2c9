package io.mailroom.admin;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The REST API, under {@code /api} of the module's context root. */
@ApplicationPath("api")
public class AdminApplication extends Application {
}
