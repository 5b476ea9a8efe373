import js from "@eslint/js";
import globals from "globals";
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist", "node_modules"] },
  {
    files: ["**/*.{ts,tsx}"],
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    languageOptions: {
      ecmaVersion: 2021,
      globals: globals.browser,
    },
    plugins: { "react-hooks": reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", ignoreRestSiblings: true },
      ],
      // Architecture invariant: only ui/src/ipc/ talks to the Tauri runtime.
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@tauri-apps/*"],
              message: "只有 src/ipc/ 可以导入 @tauri-apps/*：请通过 src/ipc 调用。",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["src/ipc/**/*.{ts,tsx}"],
    rules: { "no-restricted-imports": "off" },
  },
  {
    // Architecture invariant: components call hooks, hooks call src/ipc. Components may import
    // the contract's types, never its commands.
    files: ["src/features/**/components/**/*.{ts,tsx}", "src/app/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": "off",
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@tauri-apps/*"],
              message: "只有 src/ipc/ 可以导入 @tauri-apps/*：请通过 src/ipc 调用。",
            },
            {
              group: ["**/ipc", "**/ipc/*"],
              allowTypeImports: true,
              message: "组件不直接调用 IPC：请在 hooks/ 中调用，组件只导入类型。",
            },
          ],
        },
      ],
    },
  },
);
