import { validateXML } from 'xmllint-wasm';

/**
 * Holds SOAP messages as they were on the wire against the schema types of the WSDL they claim
 * to follow, with libxml2's XSD validator (xmllint). The Body's content is validated strictly
 * against the WSDL's <types> schema; the envelope itself against a minimal SOAP 1.1 envelope
 * schema (Header lax, Fault with faultcode/faultstring/detail).
 */
const SOAP_ENV = 'http://schemas.xmlsoap.org/soap/envelope/';

const ENVELOPE_XSD = `<?xml version="1.0" encoding="UTF-8"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="${SOAP_ENV}" xmlns:env="${SOAP_ENV}" elementFormDefault="qualified">
  <xs:element name="Envelope">
    <xs:complexType>
      <xs:sequence>
        <xs:element name="Header" minOccurs="0"><xs:complexType><xs:sequence><xs:any processContents="lax" minOccurs="0" maxOccurs="unbounded"/></xs:sequence><xs:anyAttribute processContents="lax"/></xs:complexType></xs:element>
        <xs:element name="Body"><xs:complexType><xs:sequence><xs:any processContents="strict" minOccurs="0" maxOccurs="unbounded"/></xs:sequence><xs:anyAttribute processContents="lax"/></xs:complexType></xs:element>
      </xs:sequence>
      <xs:anyAttribute processContents="lax"/>
    </xs:complexType>
  </xs:element>
  <xs:element name="Fault">
    <xs:complexType>
      <xs:sequence>
        <xs:element name="faultcode" type="xs:QName" form="unqualified"/>
        <xs:element name="faultstring" type="xs:string" form="unqualified"/>
        <xs:element name="faultactor" type="xs:anyURI" form="unqualified" minOccurs="0"/>
        <xs:element name="detail" form="unqualified" minOccurs="0"><xs:complexType mixed="true"><xs:sequence><xs:any processContents="lax" minOccurs="0" maxOccurs="unbounded"/></xs:sequence></xs:complexType></xs:element>
      </xs:sequence>
    </xs:complexType>
  </xs:element>
</xs:schema>`;

/** The WSDL's <types> schema as a standalone XSD that also imports the envelope schema. */
export function schemaOfWsdl(wsdl: string): string {
  const match = /<(xsd?):schema\b([^>]*)>([\s\S]*?)<\/\1:schema>/.exec(wsdl);
  if (!match) throw new Error('the WSDL has no <types> schema');
  const [, prefix, attributes, body] = match;
  const namespaces = [...wsdl.matchAll(/xmlns:([\w.-]+)="([^"]+)"/g)].filter(([, p]) => !attributes!.includes(`xmlns:${p}=`));
  const declared = [...new Map(namespaces.map(([, p, uri]) => [p, uri])).entries()].map(([p, uri]) => ` xmlns:${p}="${uri}"`).join('');
  return (
    `<?xml version="1.0" encoding="UTF-8"?><${prefix}:schema${attributes}${declared}>` +
    `<${prefix}:import namespace="${SOAP_ENV}" schemaLocation="envelope.xsd"/>${body}</${prefix}:schema>`
  );
}

export interface ContractCheck {
  valid: boolean;
  errors: string[];
}

export async function validateAgainstWsdl(wsdl: string, message: string): Promise<ContractCheck> {
  const result = await validateXML({
    xml: [{ fileName: 'message.xml', contents: message }],
    schema: [{ fileName: 'types.xsd', contents: schemaOfWsdl(wsdl) }],
    preload: [{ fileName: 'envelope.xsd', contents: ENVELOPE_XSD }],
  });
  return { valid: result.valid, errors: result.errors.map((e) => e.rawMessage) };
}

/** Many messages in one xmllint run (one WebAssembly start instead of one per message): the errors of each, by name. */
export async function validateAllAgainstWsdl(wsdl: string, messages: { name: string; xml: string }[]): Promise<Record<string, string[]>> {
  const result = await validateXML({
    xml: messages.map((m) => ({ fileName: `${m.name}.xml`, contents: m.xml })),
    schema: [{ fileName: 'types.xsd', contents: schemaOfWsdl(wsdl) }],
    preload: [{ fileName: 'envelope.xsd', contents: ENVELOPE_XSD }],
  });
  const byName: Record<string, string[]> = Object.fromEntries(messages.map((m) => [m.name, []]));
  for (const error of result.errors) {
    const name = (error.loc?.fileName ?? '').replace(/\.xml$/, '');
    (byName[name] ??= []).push(error.rawMessage);
  }
  return byName;
}
