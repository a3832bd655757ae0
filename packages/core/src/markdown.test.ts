import { expect } from '@esm-bundle/chai';
import { renderMarkdown } from './markdown.js';

/** The rendered HTML as nodes, to look at what the page would get. */
function rendered(markdown: string): HTMLElement {
  const container = document.createElement('div');
  container.innerHTML = renderMarkdown(markdown);
  return container;
}

describe('renderMarkdown', () => {
  it('renders GitHub-flavoured Markdown: emphasis, code, tables and links such as moment links', () => {
    const html = rendered('**Bold** and `code`\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nAt [12:34](#t=754)');
    expect(html.querySelector('strong')!.textContent).to.equal('Bold');
    expect(html.querySelector('code')!.textContent).to.equal('code');
    expect([...html.querySelectorAll('td')].map((cell) => cell.textContent)).to.deep.equal(['1', '2']);
    expect(html.querySelector('a')!.getAttribute('href')).to.equal('#t=754');
  });

  it('removes scripts, event handlers and javascript: links, whoever wrote the text', () => {
    const html = rendered('<script>window.hacked = 1</script><img src="x" onerror="window.hacked = 2">\n\n[click](javascript:alert(1)) <a href="#" onclick="x()">a</a>');
    expect(html.querySelector('script')).to.equal(null);
    expect(html.querySelector('img')!.hasAttribute('onerror')).to.equal(false);
    expect([...html.querySelectorAll('a')].map((a) => a.getAttribute('href'))).to.not.include('javascript:alert(1)');
    expect(html.querySelector('[onclick]')).to.equal(null);
  });

  it('gives the same HTML for the same text, however many texts come between', () => {
    const first = renderMarkdown('# Title');
    for (let i = 0; i < 100; i += 1) renderMarkdown(`text ${i}`);
    expect(renderMarkdown('# Title')).to.equal(first);
  });
});
