/**
 * The `crm-url` template (src/element/format.ts, issue 14 item 7): values from the server go only
 * into the path, query and fragment, URL-encoded; they cannot move the link to another origin,
 * climb the path or make it anything but http(s).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { crmTemplateProblem, crmUrl } from '../../src/element/format.js';
import type { Call } from '../../src/session/index.js';

const PAGE = 'https://crm.example.com/app/calls';

function call(paramvalue: string): Call {
  return { phone: '13800001111', cdrId: '282982852097151', direction: 'inbound', paramvalue } as Call;
}

const fill = (template: string, paramvalue: string): string | null => crmUrl(template, call(paramvalue), '8001', PAGE);

describe('crm-url: server values cannot move or climb the link', () => {
  it('a value next to the host does not change the origin: no link', () => {
    assert.equal(fill('https://crm.example.com{paramvalue}/c', '.evil.example'), null);
    assert.equal(fill('https://{paramvalue}/c', 'evil.example'), null);
    assert.equal(fill('https://crm.example.com:{paramvalue}/c', '8443@evil.example'), null);
  });

  it('a value of . or .. (also percent-written) does not climb the path', () => {
    assert.equal(fill('https://crm.example.com/customers/{paramvalue}/view', '..'), null);
    assert.equal(fill('/customers/{paramvalue}/view', '.'), null);
    assert.equal(fill('https://crm.example.com/customers/{paramvalue}/view', '%2e%2e'), 'https://crm.example.com/customers/%252e%252e/view');
    assert.equal(fill('https://crm.example.com/customers/{paramvalue}/view', '../../admin'), 'https://crm.example.com/customers/..%2F..%2Fadmin/view');
  });

  it('values in the path, query and fragment are URL-encoded and stay there', () => {
    assert.equal(
      fill('https://crm.example.com/c/{paramvalue}?p={phone}&v={paramvalue}#{paramvalue}', 'a b&x=1#y'),
      'https://crm.example.com/c/a%20b%26x%3D1%23y?p=13800001111&v=a%20b%26x%3D1%23y#a%20b%26x%3D1%23y',
    );
    assert.equal(fill('/c/{paramvalue}', '//evil.example/x'), 'https://crm.example.com/c/%2F%2Fevil.example%2Fx');
    assert.equal(fill('{paramvalue}', 'javascript:alert(1)'), 'https://crm.example.com/app/javascript%3Aalert(1)');
  });

  it('a template that is not http(s) gives no link, and is named as refused', () => {
    for (const template of ['javascript:alert({phone})', 'data:text/html,{phone}', 'file:///c/{phone}', 'https://crm.example.com{paramvalue}']) {
      assert.equal(fill(template, 'x'), null, template);
      assert.ok(crmTemplateProblem(template, PAGE), template);
    }
    for (const template of ['https://crm.example.com/c?phone={phone}', '/c/{cdrId}', '?phone={phone}']) {
      assert.equal(crmTemplateProblem(template, PAGE), undefined, template);
    }
  });
});
