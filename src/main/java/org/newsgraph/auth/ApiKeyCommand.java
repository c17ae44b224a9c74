package org.newsgraph.auth;

import java.util.List;
import org.newsgraph.command.NewsGraphCommand;
import org.springframework.stereotype.Component;

/**
 * {@code java -jar newsgraph.jar api-key create NAME [--role EDITOR|READER]}, {@code api-key list},
 * {@code api-key revoke NAME}: manages the API keys of the configured database.
 */
@Component
class ApiKeyCommand implements NewsGraphCommand {

    private final ApiKeyService keys;

    ApiKeyCommand(ApiKeyService keys) {
        this.keys = keys;
    }

    @Override
    public String name() {
        return "api-key";
    }

    @Override
    public String description() {
        return "api-key create NAME [--role EDITOR|READER] | list | revoke NAME: manage API keys";
    }

    @Override
    public int run(List<String> args) {
        if (args.isEmpty()) return usage();
        switch (args.get(0)) {
            case "create" -> {
                if (args.size() < 2) return usage();
                var role = Role.EDITOR;
                for (int i = 2; i < args.size(); i++) {
                    if (args.get(i).equals("--role") && i + 1 < args.size()) {
                        try {
                            role = Role.valueOf(args.get(++i).toUpperCase(java.util.Locale.ROOT));
                        } catch (IllegalArgumentException e) {
                            return usage();
                        }
                    } else {
                        return usage();
                    }
                }
                try {
                    var key = keys.create(args.get(1), role);
                    System.out.println(key);
                    System.err.println("Created " + role + " key '" + args.get(1) + "'. It is shown only now; "
                            + "send it as 'Authorization: Bearer <key>'.");
                    return 0;
                } catch (org.springframework.dao.DuplicateKeyException e) {
                    System.err.println("A key named '" + args.get(1) + "' exists already");
                    return 1;
                }
            }
            case "list" -> {
                keys.list().forEach(System.out::println);
                return 0;
            }
            case "revoke" -> {
                if (args.size() != 2) return usage();
                if (keys.revoke(args.get(1))) return 0;
                System.err.println("No active key named '" + args.get(1) + "'");
                return 1;
            }
            default -> {
                return usage();
            }
        }
    }

    private int usage() {
        System.err.println("usage: " + description());
        return 2;
    }
}
