/// <reference types="vitest/config" />
import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

// Tauri serves the built files from disk and, in development, expects the dev server on a fixed port.
export default defineConfig({
  plugins: [react()],
  base: "./",
  clearScreen: false,
  server: {
    port: 1420,
    strictPort: true,
  },
  build: {
    outDir: "dist",
    // WebView2 (Windows) is Chromium; WebKitGTK (Linux, where the tests run) is Safari-era WebKit.
    target: ["es2021", "chrome105", "safari13"],
    chunkSizeWarningLimit: 2000,
  },
  test: {
    environment: "jsdom",
    include: ["src/**/*.test.{ts,tsx}"],
    setupFiles: ["src/test/setup.ts"],
    // Rendering antd in jsdom is slow on a 2-core CI machine.
    testTimeout: 30_000,
  },
});
