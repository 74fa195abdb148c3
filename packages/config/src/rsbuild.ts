import { fileURLToPath } from 'node:url';
import { pluginModuleFederation } from '@module-federation/rsbuild-plugin';
import { defineConfig, type RsbuildConfig } from '@rsbuild/core';
import { pluginReact } from '@rsbuild/plugin-react';
import { pluginPrecompress } from './precompress.ts';

export { pluginPrecompress };

/**
 * What one page shares between every host and widget: one React, one react-query cache, one
 * GrowthBook, one widget kit (so one tRPC client and one identity) and one design system. Kept short on purpose:
 * anything else a widget needs ships inside the widget.
 */
export const sharedSingletons = {
  react: { singleton: true, requiredVersion: '^19.0.0' },
  'react/': { singleton: true, requiredVersion: '^19.0.0' },
  'react-dom': { singleton: true, requiredVersion: '^19.0.0' },
  'react-dom/': { singleton: true, requiredVersion: '^19.0.0' },
  '@tanstack/react-query': { singleton: true, requiredVersion: '^5.0.0' },
  '@growthbook/growthbook': { singleton: true, requiredVersion: '^1.8.0' },
  '@growthbook/growthbook-react': { singleton: true, requiredVersion: '^1.8.0' },
  // Workspace packages: their version is the monorepo's, so no range to check. The design system
  // is shared too: its toasts live in a React context, which must be one object on the page.
  '@flywheel/widget-kit': { singleton: true, requiredVersion: false },
  '@flywheel/ui': { singleton: true, requiredVersion: false },
} as const;

const isProduction = process.env.NODE_ENV === 'production';

/** Module Federation names are JS identifiers: `referral-center` → `referral_center`. */
export function federationName(widget: string) {
  return widget.replace(/[^A-Za-z0-9_]/g, '_');
}

/** The two exposes defineWidget() gives every widget, both from `src/index.ts`. */
export const widgetExposes = { './Widget': './src/index.ts', './mount': './src/index.ts' };

export type RemoteOptions = {
  /** The widget's registry name, e.g. `referral-center`. */
  name: string;
  /** Usually `{ './Widget': './src/widget.tsx', './mount': './src/mount.ts' }` from defineWidget. */
  exposes: Record<string, string>;
  /** The dev server port (remotes run alone, against msw, on it). */
  port: number;
};

/**
 * A widget remote: `mf-manifest.json` + `remoteEntry.js`, hashed chunks, CORS for hosts on other
 * origins, and public paths resolved at run time (`assetPrefix: 'auto'`) so the same build works
 * wherever it is served. Production builds leave the Module Federation runtime to the host page
 * (`externalRuntime`), so four widgets on a page download it once, not four times, and leave out
 * the runtime code a widget never runs: Node, manifests, nested remotes (decision 030).
 */
export function createRemoteConfig({ name, exposes, port }: RemoteOptions): RsbuildConfig {
  return defineConfig({
    plugins: [
      pluginReact(),
      pluginPrecompress(),
      pluginModuleFederation({
        name: federationName(name),
        filename: 'remoteEntry.js',
        exposes,
        shared: sharedSingletons,
        dts: false,
        ...(isProduction
          ? { experiments: { externalRuntime: true, optimization: { target: 'web', disableSnapshot: true, disableRemote: true } } }
          : {}),
      }),
    ],
    // The standalone page (the widget against msw, for development alone) is not part of a release:
    // a production build has only the federation entry, no page and no msw.
    source: { entry: { index: isProduction ? fileURLToPath(new URL('./no-standalone.ts', import.meta.url)) : './src/standalone.tsx' } },
    html: { title: `${name} (standalone)` },
    // public/ holds msw's service worker for standalone development; hosts never need it.
    server: { port, strictPort: true, cors: { origin: '*' }, publicDir: { name: 'public', copyOnBuild: false } },
    // Dev serves from memory: it must not empty dist/, which a running `pnpm start` serves.
    output: { assetPrefix: 'auto', filenameHash: true, cleanDistPath: isProduction },
    tools: {
      htmlPlugin: !isProduction,
      // No vendor splitting in remotes: each shared singleton's fallback chunk carries its own
      // dependencies and the exposed chunk only the widget's code, so a page whose host already
      // provides the kit downloads none of it again, and a widget is charged only for itself.
      rspack: (config) => {
        if (config.optimization) config.optimization.splitChunks = false;
        return config;
      },
    },
  });
}

export type HostOptions = {
  name: string;
  port: number;
  /** Where the built host is served from, e.g. `/` for the shell or `/console/`. */
  base?: string;
  /** Entry module; defaults to `./src/index.ts`. */
  entry?: string;
  title?: string;
  /** Public path of the built files; `auto` when the host script runs on other sites' pages. */
  assetPrefix?: string;
  /** Dev-server proxy, e.g. the BFF's routes, so the host calls its API on its own origin. */
  proxy?: Record<string, string>;
  distPath?: string;
  /** What the host provides the page, if not the shared singletons as they are (the embed host's React is preact/compat). */
  shared?: Record<string, { singleton?: boolean; requiredVersion?: string | false; version?: string; eager?: boolean }>;
};

/**
 * A host: registers remotes at run time from the BFF's registry (nothing at build time), provides
 * the shared singletons and the Module Federation runtime every remote on the page uses.
 */
export function createHostConfig({
  name,
  port,
  base = '/',
  entry = './src/index.ts',
  title,
  assetPrefix,
  proxy,
  distPath,
  shared = sharedSingletons,
}: HostOptions): RsbuildConfig {
  return defineConfig({
    plugins: [
      pluginReact(),
      pluginPrecompress(),
      pluginModuleFederation({
        name: federationName(name),
        remotes: {},
        shared,
        dts: false,
        experiments: { provideExternalRuntime: true },
      }),
    ],
    source: { entry: { index: entry } },
    html: { title: title ?? name },
    server: { port, strictPort: true, base, ...(proxy ? { proxy } : {}) },
    output: {
      assetPrefix: assetPrefix ?? base,
      filenameHash: true,
      // As for remotes: `pnpm dev` must not empty the build a running `pnpm start` serves.
      cleanDistPath: isProduction,
      ...(distPath ? { distPath: { root: distPath } } : {}),
    },
  });
}
