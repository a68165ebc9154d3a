export { compact, dateTime, parseAnswer, validateInput } from '../soap-schemas';

/**
 * Shapes of the receiver's messages (license-notification.wsdl). The INFORMATICS SAP module's
 * interface is not public: the contract is ours (see README.md). Where the module is mentioned:
 */
export const INFORMATICS_DOCS = {
  /** KEYnote 42: NotificationDispatcher transmits to the SAP module of INFORMATICS, Austria. */
  notificationDispatcher: 'https://viewer.joomag.com/keynote-42-english-fall-2021/0081351001637732106/p14',
  /** KEYnote: four ways to integrate License Central with SAP, INFORMATICS Holding GmbH (Linz) and its SAP framework. */
  sapIntegration: 'https://www.wibu.com/us/magazine/keynote-articles/keynote/detail/sap-codemeter-license-central-and-back-again.html',
} as const;
