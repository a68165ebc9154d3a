import { validateXML } from 'xmllint-wasm';
import type { Exchange } from '../../simulators/lanbilling';
import { VENDOR_ENCODING_FILE, VENDOR_WSDL_FILE } from '../../simulators/lanbilling';
import { readFileSync } from 'node:fs';

/**
 * Checks SOAP messages against LANBilling's own types with libxml2 (xmllint-wasm). The schema
 * set is the vendor's: the <schema> inside its api3.wsdl, with the encoding.xml it imports, under
 * a SOAP 1.1 envelope whose Body content is validated strictly (so a body element the vendor does
 * not declare fails too). The envelope part follows http://schemas.xmlsoap.org/soap/envelope/.
 */
const wsdl = readFileSync(VENDOR_WSDL_FILE, 'utf8');
const api3Xsd = wsdl.slice(wsdl.indexOf('<schema '), wsdl.indexOf('</schema>') + '</schema>'.length);

const ENVELOPE_XSD = `<?xml version="1.0" encoding="UTF-8"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:env="http://schemas.xmlsoap.org/soap/envelope/"
  targetNamespace="http://schemas.xmlsoap.org/soap/envelope/" elementFormDefault="qualified">
  <xs:import namespace="urn:api3" schemaLocation="api3.xsd"/>
  <xs:element name="Envelope">
    <xs:complexType>
      <xs:sequence>
        <xs:element name="Header" minOccurs="0">
          <xs:complexType><xs:sequence><xs:any namespace="##any" processContents="lax" minOccurs="0" maxOccurs="unbounded"/></xs:sequence></xs:complexType>
        </xs:element>
        <xs:element name="Body">
          <xs:complexType><xs:sequence><xs:any namespace="##any" processContents="strict"/></xs:sequence></xs:complexType>
        </xs:element>
      </xs:sequence>
      <xs:anyAttribute namespace="##other" processContents="lax"/>
    </xs:complexType>
  </xs:element>
  <xs:element name="Fault">
    <xs:complexType>
      <xs:sequence>
        <xs:element name="faultcode" type="xs:QName" form="unqualified"/>
        <xs:element name="faultstring" type="xs:string" form="unqualified"/>
        <xs:element name="faultactor" type="xs:anyURI" minOccurs="0" form="unqualified"/>
        <xs:element name="detail" minOccurs="0" form="unqualified">
          <xs:complexType mixed="true"><xs:sequence><xs:any namespace="##any" processContents="lax" minOccurs="0" maxOccurs="unbounded"/></xs:sequence></xs:complexType>
        </xs:element>
      </xs:sequence>
    </xs:complexType>
  </xs:element>
</xs:schema>`;

export interface ContractViolation { message: string; operation: string; direction: 'request' | 'response'; body: string }

/** Every message of these exchanges that does not validate, with libxml2's reason. */
export async function violationsOf(exchanges: Exchange[]): Promise<ContractViolation[]> {
  const documents = exchanges.flatMap((e, i) => [
    { fileName: `${i}-request.xml`, contents: e.request, operation: e.operation, direction: 'request' as const },
    { fileName: `${i}-response.xml`, contents: e.response, operation: e.operation, direction: 'response' as const },
  ]);
  const result = await validateXML({
    xml: documents.map(({ fileName, contents }) => ({ fileName, contents })),
    schema: [{ fileName: 'envelope.xsd', contents: ENVELOPE_XSD }],
    preload: [
      { fileName: 'api3.xsd', contents: api3Xsd },
      { fileName: 'encoding.xml', contents: readFileSync(VENDOR_ENCODING_FILE, 'utf8') },
    ],
    initialMemoryPages: 1024,
    maxMemoryPages: 4096,
  });
  // xmllint closes each failing file with "<file> fails to validate"; the reasons are the other lines.
  return result.errors.filter((error) => !/ fails to validate$/.test(error.message)).map((error) => {
    const document = documents.find((d) => d.fileName === error.loc?.fileName);
    return { message: error.message, operation: document?.operation ?? '?', direction: document?.direction ?? 'response', body: document?.contents ?? '' };
  });
}

/**
 * The one place where the core departs from its own WSDL: every get* response declares at
 * least one `ret`, but an empty list is written as an empty response element (gSOAP does not
 * enforce minOccurs when it writes an empty array). Such an answer fails exactly this way.
 */
export function isEmptyListAnswer(v: ContractViolation): boolean {
  return v.direction === 'response' && new RegExp(`Element '\\{urn:api3\\}${v.operation}Response': Missing child element\\(s\\)\\. Expected is \\( ret \\)`).test(v.message);
}
