package org.newsgraph.auth;

import org.newsgraph.command.NewsGraphCommand;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code java -jar newsgraph.jar api-key create NAME [--role EDITOR|READER]}, {@code api-key list},
 * {@code api-key revoke NAME}: manages the API keys of the configured database.
 */
@Component
@Command(name = "api-key", description = "create NAME [--role EDITOR|READER] | list | revoke NAME: manage API keys")
class ApiKeyCommand implements NewsGraphCommand<ApiKeyCommand.Options> {

    /** The arguments. */
    static final class Options {
        @Parameters(index = "0", paramLabel = "create|list|revoke")
        String action;

        @Parameters(index = "1", arity = "0..1", paramLabel = "NAME")
        String name;

        @Option(names = "--role", description = "EDITOR (default) or READER")
        Role role = Role.EDITOR;
    }

    private final ApiKeyService keys;

    ApiKeyCommand(ApiKeyService keys) {
        this.keys = keys;
    }

    @Override
    public int execute(Options options) {
        switch (options.action) {
            case "create" -> {
                if (options.name == null) return usage("create needs a NAME");
                try {
                    var key = keys.create(options.name, options.role);
                    System.out.println(key);
                    System.err.println("Created " + options.role + " key '" + options.name + "'. It is shown only now; "
                            + "send it as 'Authorization: Bearer <key>'.");
                    return 0;
                } catch (DuplicateKeyException e) {
                    System.err.println("A key named '" + options.name + "' exists already");
                    return 1;
                }
            }
            case "list" -> {
                keys.list().forEach(System.out::println);
                return 0;
            }
            case "revoke" -> {
                if (options.name == null) return usage("revoke needs a NAME");
                if (keys.revoke(options.name)) return 0;
                System.err.println("No active key named '" + options.name + "'");
                return 1;
            }
            default -> {
                return usage("unknown action " + options.action);
            }
        }
    }
}
