package dev.jack.cli;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AotTrainingTest {
    @Test
    void splitsTheArgumentsIntoCommandsAtEachDoubleDash() {
        List<String[]> commands = AotTraining.commands(new String[] {"eval", "--responses", "r", "--", "synth", "--count", "2", "--", "--", "constraints"});
        assertEquals(3, commands.size());
        assertEquals(List.of("eval", "--responses", "r"), List.of(commands.get(0)));
        assertEquals(List.of("synth", "--count", "2"), List.of(commands.get(1)));
        assertEquals(List.of("constraints"), List.of(commands.get(2)));
        assertEquals(List.of(), AotTraining.commands(new String[0]));
    }
}
