import { describe, expect, it } from 'vitest';
import { i18n } from '../i18n.ts';
import { consolePages } from './index.ts';

describe('console pages', () => {
  it('have one route each and a nav label in both languages', () => {
    const routes = consolePages.map((page) => page.route);
    expect(new Set(routes).size).toBe(routes.length);
    for (const page of consolePages) {
      for (const lng of ['en', 'zh-CN'])
        expect(i18n.exists(`${page.route}.nav`, { lng, fallbackLng: false }), `${page.route} ${lng}`).toBe(true);
    }
  });

  it('do not overwrite each other’s copy', () => {
    const sections = consolePages.flatMap((page) => Object.keys(page.messages.en));
    expect(sections.length).toBe(new Set(sections).size);
  });
});
