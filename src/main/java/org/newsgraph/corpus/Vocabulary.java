package org.newsgraph.corpus;

import java.util.List;
import java.util.SplittableRandom;

/** Word lists for synthetic names, headlines and quotes: plain ASCII English, so full-text search finds them. */
final class Vocabulary {

    private Vocabulary() {
    }

    static final List<String> FIRST_NAMES = List.of("Anna", "Boris", "Carla", "David", "Elena", "Farid", "Greta", "Hassan",
            "Irina", "Jonas", "Keiko", "Liam", "Maria", "Nikolai", "Olga", "Pedro", "Quentin", "Rosa", "Samir", "Tamara",
            "Umar", "Vera", "Walter", "Xenia", "Yusuf", "Zofia", "Ahmed", "Beatriz", "Chen", "Dmitri", "Emma", "Fatima",
            "Georg", "Hana", "Ivan", "Julia", "Karim", "Lucia", "Marco", "Nadia", "Oleg", "Paula", "Rafael", "Sofia",
            "Tomas", "Ursula", "Viktor", "Wen", "Yara", "Zeynep", "Andrei", "Clara", "Emil", "Ines", "Jakob", "Leila",
            "Mikhail", "Nora", "Pavel", "Selin");
    static final List<String> LAST_NAMES = List.of("Abbott", "Baranov", "Castillo", "Dubois", "Eriksen", "Fischer",
            "Gallo", "Hoffmann", "Ivanova", "Jensen", "Kowalski", "Lindqvist", "Moreau", "Novak", "Okafor", "Petrov",
            "Quinn", "Rossi", "Schmidt", "Tanaka", "Usman", "Vasquez", "Weber", "Yilmaz", "Zhang", "Almeida", "Becker",
            "Costa", "Dimitrov", "Esposito", "Ferreira", "Garcia", "Horvath", "Ibrahim", "Jovanovic", "Kim", "Larsen",
            "Meyer", "Nakamura", "Olsen", "Popescu", "Romano", "Silva", "Torres", "Varga", "Wagner", "Yamamoto",
            "Zimmermann", "Andersen", "Bauer", "Chernova", "Demir", "Engel", "Fontaine", "Gruber", "Haddad", "Ilic",
            "Kovacs", "Lambert", "Marino", "Nowak", "Orlov", "Pereira", "Reyes", "Sato", "Thomsen", "Volkov", "Wolff",
            "Adeyemi", "Berg", "Crespo", "Duarte", "Edwards", "Frank", "Grant", "Holm", "Ivers", "Keller", "Lopez", "Mills");
    static final List<String> COUNTRIES = List.of("Aldoria", "Borovia", "Calvania", "Dastoria", "Elbonia", "Freedonia",
            "Gondal", "Hestia", "Illyria", "Jorvik", "Karelia", "Latveria", "Moravia", "Norland", "Orsinia", "Pontevedra",
            "Qurac", "Ruritania", "Sylvania", "Tarvania", "Urkesh", "Valverde", "Westria", "Xandria", "Yonder", "Zembla",
            "Arcadia", "Brigadoon", "Carpathia", "Drusselstein");
    static final List<String> PORTFOLIOS = List.of("Foreign Affairs", "Defence", "Finance", "Energy", "Health",
            "Interior", "Justice", "Agriculture", "Trade", "Transport");
    static final List<String> BODIES = List.of("Parliament", "Senate", "Supreme Court", "Central Bank", "Security Council",
            "Presidential Office", "Election Commission", "National Assembly");
    static final List<String> ORG_SUFFIXES = List.of("Holdings", "Foundation", "Institute", "Group", "Partners",
            "Alliance", "Union", "Energy", "Bank", "Logistics");
    static final List<String> OUTLETS = List.of("Herald", "Chronicle", "Gazette", "Observer", "Courier", "Tribune",
            "Times", "Post", "Dispatch", "Review");
    static final List<String> TITLES = List.of("Minister", "Deputy Minister", "Spokesperson", "Chair", "Ambassador",
            "Chief Executive", "Director", "Senior Adviser", "Correspondent", "Envoy");
    static final List<String> CITIES = List.of("Geneva", "Vienna", "Istanbul", "Helsinki", "Doha", "Oslo", "Riyadh",
            "London", "Paris", "Berlin", "Warsaw", "Rome", "Madrid", "Ankara", "Cairo", "Nairobi", "Tokyo", "Brussels");
    static final List<String> TOPICS = List.of("ceasefire", "energy security", "grain exports", "prisoner exchange",
            "sanctions", "border security", "nuclear safety", "trade tariffs", "reconstruction", "humanitarian corridors",
            "peace plan", "climate finance", "refugee support", "arms control", "election monitoring", "debt relief",
            "water rights", "cyber security", "shipping lanes", "troop withdrawal");
    static final List<String> EVENT_WORDS = List.of("Talks", "Summit", "Meeting", "Visit", "Conference", "Negotiations",
            "Agreement", "Proposal", "Announcement", "Round");
    static final List<String> VERBS = List.of("will not accept", "supports", "rejects", "is ready to discuss",
            "strongly opposes", "welcomes", "calls for", "cannot rule out", "is committed to", "warned against",
            "has proposed", "will review");
    static final List<String> SUBJECTS = List.of("Our government", "We", "The delegation", "Nobody", "Our side",
            "The ministry", "This country", "The coalition", "Everyone here", "The president");
    static final List<String> QUALIFIERS = List.of("without conditions", "before the end of the year",
            "under international supervision", "as soon as possible", "in the coming weeks", "at any price",
            "step by step", "in good faith", "without delay", "on equal terms");
    static final List<String> CUES = List.of("said", "told", "stated", "added", "warned", "claimed", "wrote", "insisted");
    static final List<String> CHANNELS = List.of("told reporters", "a post on X", "a press conference",
            "an interview with state television", "a written statement", "a briefing in the capital");
    static final List<String> HEADLINE_VERBS = List.of("weighs", "rejects", "backs", "signals", "questions", "demands",
            "prepares", "delays");
    static final List<String> LANGUAGES = List.of("en", "en", "en", "en", "en", "en", "en", "de", "fr", "es");

    static String pick(List<String> words, SplittableRandom random) {
        return words.get(random.nextInt(words.size()));
    }
}
