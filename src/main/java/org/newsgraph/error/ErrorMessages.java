package org.newsgraph.error;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites graphql-java's messages so that they speak GraphQL, not Java: the {@code toString} of a
 * parsed literal ({@code EnumValue{name='FOO'}}, {@code FloatValue{value=1.5}}) becomes the literal
 * ({@code FOO}, {@code 1.5}), a Java class named as a value's type ({@code it was a 'Double'}) becomes
 * what a client sent ({@code a number with a fraction}).
 */
public final class ErrorMessages {

    private ErrorMessages() {}

    private static final Pattern ENUM_LITERAL = Pattern.compile("EnumValue\\{name='([^']*)'}");
    private static final Pattern STRING_LITERAL = Pattern.compile("StringValue\\{value='(.*?)'}");
    private static final Pattern SCALAR_LITERAL = Pattern.compile("(?:Int|Float|Boolean)Value\\{value=([^}]*)}");
    private static final Pattern NULL_LITERAL = Pattern.compile("NullValue\\{}");
    private static final Pattern VARIABLE = Pattern.compile("VariableReference\\{name='([^']*)'}");
    /** A value whose {@code toString} is still Java-shaped (lists, objects): left out of the message. */
    private static final Pattern STRUCTURED_VALUE = Pattern.compile(" with value '.*[A-Za-z]+\\{.*' is not a valid ");

    /** "but it was a 'Double'": the Java class of a variable's value. */
    private static final Pattern WAS_CLASS = Pattern.compile("\\b(it was|but was|was) an? '([A-Za-z]+)'");
    /** "Expected an AST type of 'IntValue'": graphql-java's class of a literal. */
    private static final Pattern AST_TYPE = Pattern.compile("an AST type of '([A-Za-z]+)'");

    /** "Expected type 'Map' but was 'ArrayList'": the Java classes of an input object variable and its value. */
    private static final Pattern EXPECTED_TYPE = Pattern.compile("Expected type '([A-Za-z]+)' but was '([A-Za-z]+)'");
    /** "must be an instance of type 'Map'". */
    private static final Pattern INSTANCE_OF = Pattern.compile("an instance of type '([A-Za-z]+)'");

    private static final Map<String, String> NAMES = Map.ofEntries(
            Map.entry("Double", "a number with a fraction"),
            Map.entry("Float", "a number with a fraction"),
            Map.entry("BigDecimal", "a number with a fraction"),
            Map.entry("Integer", "an integer"),
            Map.entry("Long", "an integer"),
            Map.entry("BigInteger", "an integer"),
            Map.entry("Boolean", "a boolean"),
            Map.entry("LinkedHashMap", "an object"),
            Map.entry("HashMap", "an object"),
            Map.entry("Map", "an object"),
            Map.entry("ArrayList", "a list"),
            Map.entry("List", "a list"),
            Map.entry("IntValue", "an integer literal"),
            Map.entry("FloatValue", "a float literal"),
            Map.entry("StringValue", "a string literal"),
            Map.entry("BooleanValue", "a boolean literal"),
            Map.entry("EnumValue", "an enum literal"),
            Map.entry("NullValue", "null"),
            Map.entry("ArrayValue", "a list literal"),
            Map.entry("ObjectValue", "an input object literal"),
            Map.entry("VariableReference", "a variable"));

    /** The message with Java names replaced; null stays null. */
    public static String forClients(String message) {
        if (message == null) return null;
        String text = message;
        text = replace(ENUM_LITERAL, text, m -> m.group(1));
        text = replace(STRING_LITERAL, text, m -> "\"" + m.group(1) + "\"");
        text = replace(SCALAR_LITERAL, text, m -> m.group(1));
        text = replace(NULL_LITERAL, text, m -> "null");
        text = replace(VARIABLE, text, m -> "$" + m.group(1));
        text = STRUCTURED_VALUE.matcher(text).replaceAll(" is not a valid ");
        text = replace(WAS_CLASS, text, m -> {
            String name = NAMES.get(m.group(2));
            return (name == null) ? m.group() : m.group(1) + " " + name;
        });
        text = replace(
                EXPECTED_TYPE,
                text,
                m -> "Expected " + named(m.group(1), "type '") + " but was " + named(m.group(2), "'"));
        text = replace(INSTANCE_OF, text, m -> named(m.group(1), "an instance of type '"));
        text = replace(AST_TYPE, text, m -> {
            String name = NAMES.get(m.group(1));
            return (name == null) ? m.group() : name;
        });
        return text;
    }

    /** The plain words for a Java class name, or the name quoted (after {@code prefix}) when it is a GraphQL one. */
    private static String named(String name, String prefix) {
        String words = NAMES.get(name);
        return (words != null) ? words : prefix + name + "'";
    }

    private static String replace(Pattern pattern, String text, java.util.function.Function<Matcher, String> with) {
        Matcher matcher = pattern.matcher(text);
        if (!matcher.find()) return text;
        StringBuilder out = new StringBuilder();
        do {
            matcher.appendReplacement(out, Matcher.quoteReplacement(with.apply(matcher)));
        } while (matcher.find());
        matcher.appendTail(out);
        return out.toString();
    }
}
