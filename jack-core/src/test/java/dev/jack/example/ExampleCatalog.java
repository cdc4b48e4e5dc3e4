package dev.jack.example;

import dev.jack.core.constraint.ConstraintCatalog;
import dev.jack.core.constraint.ConstraintType;

import java.util.List;

/** A user's catalog, found by ServiceLoader through this test tree's META-INF/services file. */
public final class ExampleCatalog implements ConstraintCatalog {
    @Override
    public String source() {
        return "example";
    }

    @Override
    public List<ConstraintType<?>> types() {
        return List.of(LastWord.TYPE);
    }
}
