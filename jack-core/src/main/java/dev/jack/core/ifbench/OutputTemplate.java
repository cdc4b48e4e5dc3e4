package dev.jack.core.ifbench;

/** format:output_template — the response contains "My Answer:", "My Conclusion:" and "Future Outlook:", anywhere. */
public record OutputTemplate() implements Checker {
    public static final String ID = "format:output_template";

    static OutputTemplate parse(Args a) {
        return new OutputTemplate();
    }

    public String id() { return ID; }

    public Source source() { return Source.IFBENCH; }

    public String description() {
        return "Use this exact template for your response: My Answer: [answer] My Conclusion: [conclusion] Future Outlook: [outlook]";
    }

    public boolean check(String response, Analyses text) {
        return response.contains("My Answer:") && response.contains("My Conclusion:") && response.contains("Future Outlook:");
    }
}
