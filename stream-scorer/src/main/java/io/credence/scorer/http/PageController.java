package io.credence.scorer.http;

import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** GET /: the live page (plain HTML with an inline SVG chart script; it reads /models, /models/{id}/metrics and POST /predict/batch). */
@Controller
public class PageController {
    private static final String PAGE = "/io/credence/scorer/http/live.html";
    private final String html;

    public PageController() {
        try (InputStream in = PageController.class.getResourceAsStream(PAGE)) {
            if (in == null) throw new IllegalStateException("resource " + PAGE + " is missing from the jar");
            html = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + PAGE, e);
        }
    }

    @Get
    @Produces(MediaType.TEXT_HTML)
    public String page() {
        return html;
    }
}
