package io.credence.kit;

/** A main for {@link ChildAppTest}: prints what reached it by each channel, then exits. */
public final class Echo {
    private Echo() {}

    public static void main(String[] args) {
        System.out.println("arguments " + String.join(" ", args));
        System.out.println("property " + System.getProperty("credence.echo.value"));
        System.out.println("environment " + System.getenv("CREDENCE_ECHO_VALUE"));
    }
}
