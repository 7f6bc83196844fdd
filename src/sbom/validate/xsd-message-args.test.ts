/**
 * The values read from libxml2's XSD messages (xsdMessageArgs), for each form it recognises; the
 * messages are ones libxml2 gives for the CycloneDX spec's invalid test documents.
 */
import { describe, expect, it } from 'vitest';
import { xsdMessageArgs } from './cyclonedx-xsd.js';

const ns = '{http://cyclonedx.org/schema/bom/1.5}';

describe('xsdMessageArgs', () => {
  it.each([
    [
      `Element '${ns}component', attribute 'type': [facet 'enumeration'] The value 'foo' is not an element of the set {'application', 'library'}.`,
      {
        variant: 'enumeration',
        element: 'component',
        attribute: 'type',
        value: 'foo',
        allowedValues: "'application', 'library'",
      },
    ],
    [
      `Element '${ns}hash': [facet 'pattern'] The value 'foo' is not accepted by the pattern '([a-fA-F0-9]{32})'.`,
      { variant: 'pattern', element: 'hash', value: 'foo', pattern: '([a-fA-F0-9]{32})' },
    ],
    [
      `Element '${ns}component', attribute 'bom-ref': [facet 'minLength'] The value '' has a length of '0'; this underruns the allowed minimum length of '1'.`,
      {
        variant: 'minLength',
        element: 'component',
        attribute: 'bom-ref',
        value: '',
        length: '0',
        limit: '1',
      },
    ],
    [
      `Element '${ns}name': [facet 'maxLength'] The value 'abcd' has a length of '4'; this exceeds the allowed maximum length of '3'.`,
      { variant: 'maxLength', element: 'name', value: 'abcd', length: '4', limit: '3' },
    ],
    [
      `Element '${ns}timestamp': '2020-04-07' is not a valid value of the atomic type 'xs:dateTime'.`,
      { variant: 'type', element: 'timestamp', value: '2020-04-07', type: 'xs:dateTime' },
    ],
    [
      `Element '${ns}swid': The attribute 'tagId' is required but missing.`,
      { variant: 'attributeRequired', element: 'swid', attribute: 'tagId' },
    ],
    [
      `Element '${ns}bom', attribute 'colour': The attribute 'colour' is not allowed.`,
      { variant: 'attributeNotAllowed', element: 'bom', attribute: 'colour' },
    ],
    [
      `Element '${ns}component': Missing child element(s). Expected is one of ( ${ns}supplier, ${ns}name ).`,
      { variant: 'missingChild', element: 'component', expected: 'supplier, name' },
    ],
    [
      `Element '${ns}id': This element is not expected. Expected is one of ( ${ns}text, ##other${ns}* ).`,
      { variant: 'notExpectedOf', element: 'id', expected: 'text, ##other*' },
    ],
    [
      `Element '${ns}expression': This element is not expected. Expected is ( ${ns}license ).`,
      { variant: 'notExpectedOf', element: 'expression', expected: 'license' },
    ],
    [
      `Element '${ns}expression': This element is not expected.`,
      { variant: 'notExpected', element: 'expression' },
    ],
    [
      `Element '${ns}component': Duplicate key-sequence ['123'] in unique identity-constraint '${ns}bom-ref'.`,
      { variant: 'duplicateKey', element: 'component', key: "'123'", constraint: 'bom-ref' },
    ],
    [
      `Element '${ns}components': Character content other than whitespace is not allowed because the content type is 'element-only'.`,
      { variant: 'elementOnly', element: 'components' },
    ],
  ])('%s', (message, expected) => {
    expect(xsdMessageArgs(message)).toEqual({ keyword: 'xsd', ...expected });
  });

  it('gives nothing for a message of another form', () => {
    expect(
      xsdMessageArgs(
        `Element '${ns}component', attribute 'bom-ref': Warning: No precomputed value available, the value was either invalid or something strange happened.`,
      ),
    ).toBeUndefined();
    expect(xsdMessageArgs('Document is not valid')).toBeUndefined();
  });
});
