package dev.jack.core.constraint.ifbench;

import dev.jack.core.constraint.AtLeastCount;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Draft;
import dev.jack.core.constraint.Edits;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.constraint.Parameter;
import dev.jack.core.constraint.Relation;
import dev.jack.core.constraint.Sketch;
import dev.jack.core.constraint.Span;
import dev.jack.core.constraint.ifeval.EnglishCapital;
import dev.jack.core.constraint.ifeval.EnglishLowercase;
import dev.jack.core.constraint.ifeval.ResponseLanguage;
import dev.jack.core.text.PyText;
import dev.jack.core.text.TextTools;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** count:person_names — at least N of the reference's 50 first names occur as whole words, case-sensitively. */
public record PersonNameCount(int n) implements AtLeastCount {
    public static final String ID = "count:person_names";

    public static final ConstraintType<PersonNameCount> TYPE = ConstraintType.builder(ID, PersonNameCount::parse)
            .parameters(Parameter.integer("N", 0))
            .example(new PersonNameCount(10))
            .conflict(ResponseLanguage.ID, "its sentence is English")
            .conflict(EnglishLowercase.ID, "the names are matched with their capital letter")
            .conflict(EnglishCapital.ID, "the names are matched as written, not in capitals")
            .hardness(0.35)
            .phrasings("Mention at least {N} different person names in the response, from this list of person names: Emma, Liam, Sophia, Jackson, Olivia, Noah, Ava, Lucas, Isabella, Mason, Mia, Ethan, Charlotte, Alexander, Amelia, Benjamin, Harper, Leo, Zoe, Daniel, Chloe, Samuel, Lily, Matthew, Grace, Owen, Abigail, Gabriel, Ella, Jacob, Scarlett, Nathan, Victoria, Elijah, Layla, Nicholas, Audrey, David, Hannah, Christopher, Penelope, Thomas, Nora, Andrew, Aria, Joseph, Claire, Ryan, Stella, Jonathan .",
                    "Name at least {N} different people from this list: Emma, Liam, Sophia, Jackson, Olivia, Noah, Ava, Lucas, Isabella, Mason, Mia, Ethan, Charlotte, Alexander, Amelia, Benjamin, Harper, Leo, Zoe, Daniel, Chloe, Samuel, Lily, Matthew, Grace, Owen, Abigail, Gabriel, Ella, Jacob, Scarlett, Nathan, Victoria, Elijah, Layla, Nicholas, Audrey, David, Hannah, Christopher, Penelope, Thomas, Nora, Andrew, Aria, Joseph, Claire, Ryan, Stella, Jonathan.",
                    "Your response must mention {N} or more distinct person names taken from: Emma, Liam, Sophia, Jackson, Olivia, Noah, Ava, Lucas, Isabella, Mason, Mia, Ethan, Charlotte, Alexander, Amelia, Benjamin, Harper, Leo, Zoe, Daniel, Chloe, Samuel, Lily, Matthew, Grace, Owen, Abigail, Gabriel, Ella, Jacob, Scarlett, Nathan, Victoria, Elijah, Layla, Nicholas, Audrey, David, Hannah, Christopher, Penelope, Thomas, Nora, Andrew, Aria, Joseph, Claire, Ryan, Stella, Jonathan.")
            .synthesis(310, Sampling::new)
            .build();

    static final List<String> NAMES = List.of("Emma", "Liam", "Sophia", "Jackson", "Olivia", "Noah", "Ava", "Lucas",
            "Isabella", "Mason", "Mia", "Ethan", "Charlotte", "Alexander", "Amelia", "Benjamin", "Harper", "Leo", "Zoe",
            "Daniel", "Chloe", "Samuel", "Lily", "Matthew", "Grace", "Owen", "Abigail", "Gabriel", "Ella", "Jacob",
            "Scarlett", "Nathan", "Victoria", "Elijah", "Layla", "Nicholas", "Audrey", "David", "Hannah", "Christopher",
            "Penelope", "Thomas", "Nora", "Andrew", "Aria", "Joseph", "Claire", "Ryan", "Stella", "Jonathan");
    private static final Regions.Table NAME_TABLE = new Regions.Table(NAMES);

    private static PersonNameCount parse(Kwargs k) {
        return new PersonNameCount(k.integer("N", 0, Kwargs.RANDOM_IF_NEGATIVE));
    }

    public ConstraintType<PersonNameCount> type() { return TYPE; }

    public String description() {
        return "Mention at least " + n + " different person names in the response, from this list of person names: "
                + String.join(", ", NAMES) + " .";
    }

    public Map<String, Object> kwargs() {
        return Map.of("N", n);
    }

    public boolean isFollowedBy(String response, TextTools text) {
        // A name made of word characters matches \bName\b exactly where it is a whole run of word characters. The runs
        // are looked up in place, and the count stops at N.
        if (n <= 0) return true;
        boolean[] seen = new boolean[NAMES.size()];
        int found = 0;
        int end = 0;
        for (int start; (start = PyText.wordRunStart(response, end)) < response.length(); ) {
            end = PyText.wordRunEnd(response, start);
            int name = NAME_TABLE.indexOf(response, start, end);
            if (name >= 0 && !seen[name]) {
                seen[name] = true;
                if (++found >= n) return true;
            }
        }
        return false;
    }

    /** The sentences a repair adds, one name each. */
    private static final List<String> NAME_SENTENCES = NAMES.stream().map(name -> name + " agrees.").toList();

    /** The first whole-word occurrence of each name of the list, in order, and where the missing ones would go. */
    public List<Span> spans(String response, TextTools text) {
        Set<String> seen = new HashSet<>();
        List<int[]> found = new ArrayList<>();
        for (int[] run : PyText.wordRuns(response)) {
            String word = response.substring(run[0], run[1]);
            if (NAMES.contains(word) && seen.add(word)) found.add(run);
        }
        return Edits.counted(found, Relation.AT_LEAST, n, "person name", Edits.textEnd(response));
    }

    public String addOperation() { return "add_names"; }

    /** Sentences naming one person each, added until there are enough names. */
    public List<String> addedSentences() { return NAME_SENTENCES; }

    /** One to five names from the list, in one sentence ("Emma and Liam agree with this."). */
    private static final class Sampling implements Sketch<PersonNameCount> {
        private int n;

        public void content(Draft d) {
            n = d.between(1, 5);
            List<String> names = new ArrayList<>(NAMES);
            List<String> chosen = new ArrayList<>(n);
            for (int i = 0; i < n; i++) chosen.add(names.remove(d.nextInt(names.size())));
            d.addSentence(String.join(" and ", chosen) + (n == 1 ? " agrees with this." : " agree with this."));
        }

        public PersonNameCount finish(Draft d) {
            return new PersonNameCount(n);
        }
    }
}
