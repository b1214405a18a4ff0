import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { before, describe, it } from 'node:test';
import { contentSecurityPolicy, jsonForScriptElement, renderPanelHtml } from '../../client/src/panels/panelHtml';
import { preparePanel, type PreparedPanel } from '../../client/src/panels/panelModel';
import { parsePolicy } from '../../server/src/policy/parse';
import { simulateAccess } from '../../server/src/simulation/simulate';
import { workspaceDocument } from '../../server/src/simulation/policySources';
import { EXAMPLE_EXPORT, simulationEnvironment } from '../support/simulation';

/** A policy whose text is markup: it must reach the reader as text and never run. */
const HOSTILE_POLICY = JSON.stringify(
  {
    Version: '2012-10-17',
    Statement: [
      { Sid: '<script>alert(1)</script>', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::example-reports/*', Condition: { StringEquals: { 'aws:PrincipalTag/note': '<img src=x onerror=alert(2)>' } } },
      { Sid: 'Closing</script><img src=x onerror=alert(3)>', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::example-reports/*' },
    ],
  },
  null,
  2,
);
const HOSTILE_URI = 'file:///workspace/%3Cimg%20src%3Dx%20onerror%3Dalert(4)%3E.iam.json';
const OPTIONS = { cspSource: 'https://webview.test', nonce: 'n0nce4test' };

let prepared: PreparedPanel;
let html: string;
before(async () => {
  const env = await simulationEnvironment(EXAMPLE_EXPORT);
  const document = { uri: HOSTILE_URI, label: '<img src=x onerror=alert(5)>.iam.json', type: 'identity' as const, document: workspaceDocument(HOSTILE_URI, HOSTILE_POLICY, parsePolicy(HOSTILE_POLICY)) };
  const result = await simulateAccess({ principal: 'arn:aws:iam::111122223333:user/carol', action: 's3:GetObject', resource: 'arn:aws:s3:::example-reports/<b>x</b>' }, [document], env);
  prepared = preparePanel({ kind: 'simulation', result });
  html = renderPanelHtml(prepared.model, OPTIONS);
});

describe('result panel page: strict CSP, data as inert JSON', () => {
  it('declares the CSP of the brief: nothing by default, styles and scripts only with the nonce', () => {
    assert.equal(contentSecurityPolicy(OPTIONS), "default-src 'none'; style-src https://webview.test 'nonce-n0nce4test'; script-src 'nonce-n0nce4test'");
    assert.ok(html.includes(`<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; style-src https://webview.test &#39;nonce-n0nce4test&#39;; script-src &#39;nonce-n0nce4test&#39;">`));
  });

  it('a policy holding <script> and <img onerror> text adds no tag to the page: only the page\'s own elements are markup', () => {
    const tags = new Set([...html.matchAll(/<\/?([A-Za-z!][A-Za-z0-9-]*)/g)].map((match) => match[1].toLowerCase()));
    assert.deepEqual([...tags].sort(), ['!doctype', 'body', 'head', 'html', 'main', 'meta', 'script', 'style', 'title']);
    assert.equal(html.match(/<script/g)?.length, 2);
    assert.equal(html.match(/<script[^>]* nonce="n0nce4test"/g)?.length, 2);
    assert.ok(!/<img/i.test(html));
    assert.ok(!html.includes('</script><img'));
    const markup = html.replace(/(<script[^>]*>)[\s\S]*?<\/script>/g, '$1</script>');
    assert.ok(!/\son[a-z]+=/i.test(markup), 'no event-handler attribute in the markup');
  });

  it('the JSON block reads back to exactly the model: escaping loses nothing', () => {
    const block = /<script type="application\/json" id="panel-model" nonce="n0nce4test">([\s\S]*?)<\/script>/.exec(html)![1];
    assert.deepEqual(JSON.parse(block), JSON.parse(JSON.stringify(prepared.model)));
    assert.equal(jsonForScriptElement({ text: '</script>&\u2028' }), '{"text":"\\u003c/script\\u003e\\u0026\\u2028"}');
  });

  it('statements carry a link number and a text key; the place table stays on the extension side', () => {
    const [result] = (prepared.model.kind === 'simulation' ? prepared.model.result : undefined)!.results;
    const statements = [...result.matchedStatements, ...result.unmatchedStatements] as ((typeof result.matchedStatements)[number] & { link?: number; key?: string })[];
    const statement = statements.find((candidate) => candidate.statementIndex === 0)!;
    assert.equal(typeof statement.link, 'number');
    assert.equal(prepared.links[statement.link!].uri, HOSTILE_URI);
    assert.equal(statement.key, 'identity//<img src=x onerror=alert(5)>.iam.json#0');
    assert.ok(prepared.model.kind === 'simulation' && prepared.model.result.statementTexts[statement.key!].includes('<script>alert(1)</script>'));
  });
});

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// Not skipped without Chromium: the security promise is only checked in a browser, so a machine
// without one fails here with the way out (`.ci/run` installs it, as the editor layer needs it too).
describe('result panel page in a real browser (Chromium)', () => {
  it('builds the page from the model with text only: no <img>, no extra <script>, nothing runs, the text shows as written', async () => {
    assert.ok(existsSync(CHROMIUM), `no Chromium at ${CHROMIUM}: run \`apt-get install -y chromium\` or set CHROMIUM_PATH`);
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
    try {
      const page = await browser.newPage();
      // What VS Code gives a webview, recorded: posted messages and any dialog a script would open.
      await page.addInitScript(() => {
        const state = globalThis as unknown as { posted: unknown[]; alerts: unknown[]; acquireVsCodeApi: () => unknown; alert: (message: unknown) => void };
        state.posted = [];
        state.alerts = [];
        state.alert = (message) => state.alerts.push(message);
        state.acquireVsCodeApi = () => ({ postMessage: (message: unknown) => state.posted.push(message) });
      });
      const violations: string[] = [];
      page.on('console', (message) => {
        if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
      });
      // Served as a page (not written into about:blank), so the recorder above is in place first.
      await page.route('http://panel.test/', (route) => route.fulfill({ contentType: 'text/html', body: html }));
      await page.goto('http://panel.test/');
      await page.waitForFunction(() => (globalThis as unknown as { posted: { type: string }[] }).posted.some((message) => message.type === 'rendered'));
      const report = await page.evaluate(() => {
        const state = globalThis as unknown as { posted: { type: string; summary?: { tags: Record<string, number> } }[]; alerts: unknown[] };
        const handlers = Array.from(document.querySelectorAll('*')).flatMap((element) => element.getAttributeNames().filter((name) => name.startsWith('on')));
        return {
          images: document.querySelectorAll('img').length,
          scripts: document.querySelectorAll('script').length,
          bold: document.querySelectorAll('b').length,
          handlers,
          alerts: state.alerts,
          text: document.body.textContent ?? '',
          summary: state.posted.find((message) => message.type === 'rendered')?.summary,
        };
      });
      assert.equal(report.images, 0);
      assert.equal(report.scripts, 2);
      assert.equal(report.bold, 0);
      assert.deepEqual(report.handlers, []);
      assert.deepEqual(report.alerts, []);
      assert.ok(report.text.includes('<script>alert(1)</script>'), 'the Sid shows as text');
      assert.ok(report.text.includes('<img src=x onerror=alert(2)>'), 'the condition value shows as text');
      assert.ok(report.text.includes('arn:aws:s3:::example-reports/<b>x</b>'));
      assert.equal(report.summary?.tags.img, undefined);
      assert.deepEqual(violations, []);

      // A statement link posts its number, nothing else.
      await page.locator('button.link').first().click();
      const posted = await page.evaluate(() => (globalThis as unknown as { posted: unknown[] }).posted.at(-1));
      assert.deepEqual(posted, { type: 'open', link: 0 });
    } finally {
      await browser.close();
    }
  });
});
