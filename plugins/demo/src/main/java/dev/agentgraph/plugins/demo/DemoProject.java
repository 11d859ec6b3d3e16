package dev.agentgraph.plugins.demo;

import java.util.List;
import java.util.Random;

/** A made-up repository that a demo session works in: what its tool calls touch. */
record DemoProject(String name, String cwd, List<String> files, List<String> patterns, List<String> commands,
        List<String> urls) {

    static final DemoProject SHOP = new DemoProject("shop", "/home/dev/shop",
            List.of("src/checkout.ts", "src/cart.ts", "src/payment/stripe.ts", "src/payment/index.ts",
                    "test/checkout.test.ts", "package.json", "README.md"),
            List.of("applyDiscount", "TODO|FIXME", "export function .*Total", "class Cart"),
            List.of("npm test -- checkout", "npm run lint", "git diff --stat", "npx tsc --noEmit"),
            List.of("https://docs.stripe.com/api/payment_intents"));

    static final DemoProject API = new DemoProject("api", "/home/dev/api",
            List.of("cmd/server/main.go", "internal/auth/jwt.go", "internal/auth/middleware.go",
                    "internal/http/routes.go", "internal/store/users.go", "go.mod"),
            List.of("router\\.(GET|POST)", "ParseWithClaims", "func .*Handler", "os.Getenv"),
            List.of("go test ./...", "go vet ./...", "golangci-lint run", "git log --oneline -5"),
            List.of("https://pkg.go.dev/github.com/golang-jwt/jwt/v5"));

    static final DemoProject DOCS = new DemoProject("docs-site", "/home/dev/docs-site",
            List.of("docs/getting-started.md", "docs/api/reference.md", "mkdocs.yml", "docs/changelog.md"),
            List.of("\\]\\(http", "deprecated", "^## "),
            List.of("mkdocs build --strict", "npx markdownlint docs", "git status --short"),
            List.of("https://www.mkdocs.org/user-guide/configuration/", "https://example.com/old-api-page"));

    static final DemoProject MONOREPO = new DemoProject("monorepo", "/home/dev/monorepo",
            List.of("packages/core/src/index.js", "packages/cli/bin/cli.js", "packages/server/src/app.js",
                    "packages/web/src/main.js", "packages/shared/src/util.js", "package.json", "tsconfig.json"),
            List.of("require\\(", "module\\.exports", "__dirname", "\"type\": \"module\""),
            List.of("npm test --workspaces", "npm run build -w packages/core", "node --check packages/cli/bin/cli.js",
                    "git diff --stat"),
            List.of("https://nodejs.org/api/esm.html"));

    String file(Random rnd) {
        return cwd + "/" + pick(files, rnd);
    }

    static <T> T pick(List<T> list, Random rnd) {
        return list.get(rnd.nextInt(list.size()));
    }
}
