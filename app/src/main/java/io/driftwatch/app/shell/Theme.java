package io.driftwatch.app.shell;

/** The console's two themes; each is a style sheet over a shared base. */
public enum Theme {
    LIGHT("/io/driftwatch/assets/css/light.css"),
    DARK("/io/driftwatch/assets/css/dark.css");

    public static final String BASE = "/io/driftwatch/assets/css/base.css";

    private final String stylesheet;

    Theme(String stylesheet) {
        this.stylesheet = stylesheet;
    }

    public String stylesheet() {
        return stylesheet;
    }

    public Theme other() {
        return this == LIGHT ? DARK : LIGHT;
    }
}
