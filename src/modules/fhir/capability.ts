import { CODE_SYSTEMS, Extension, FHIR_BASE, systemUrl } from './code-systems.ts';

/**
 * GET /fhir/r4/metadata: what this server supports, exactly (FHIR R4 CapabilityStatement).
 * Keep it in step with routes.ts and subscriptions.ts; capability.test.ts checks both ways.
 */
export function capabilityStatement(baseUrl: string, software: { version: string }) {
  const oauth = {
    service: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/restful-security-service', code: 'OAuth' }] }],
    description: 'OAuth 2.0 client credentials (RFC 6749 §4.4) at POST /oauth/token, one client per GP practice, '
      + 'registered by the municipality. Scopes: system/ServiceRequest.write (send referrals), system/Task.read (read the status of your own referrals, subscribe to it).',
    extension: [{ url: 'http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris', extension: [{ url: 'token', valueUri: `${baseUrl.replace(/\/fhir\/r4$/, '')}/oauth/token` }] }],
  };
  return {
    resourceType: 'CapabilityStatement',
    id: 'wegwijs',
    url: `${FHIR_BASE}/CapabilityStatement/wegwijs`,
    name: 'WegwijsGpReferral',
    title: 'Wegwijs: verwijzing door de huisarts naar het wijkteam (GP referral)',
    status: 'active',
    date: '2026-01-01',
    publisher: 'Wegwijs',
    description: 'Receives the short referral form (verkort aanmeldformulier) from GP practice systems and reports its status back as a Task. See docs/fhir.md.',
    kind: 'instance',
    software: { name: 'Wegwijs', version: software.version },
    implementation: { description: 'Wegwijs FHIR API', url: baseUrl },
    fhirVersion: '4.0.1',
    format: ['application/fhir+json', 'json'],
    rest: [{
      mode: 'server',
      documentation: 'Errors are OperationOutcome with the element in issue.expression; 400 for structure (FHIR R4 JSON schema), 422 for Wegwijs rules. '
        + 'Retries are safe: the same ServiceRequest.identifier (per practice) or a matching If-None-Exist returns the first result (200).',
      security: oauth,
      resource: [
        {
          type: 'ServiceRequest',
          documentation: 'A GP referral: a ServiceRequest with contained Patient, Practitioner(Role), Organization, Consent and RelatedPerson, '
            + `or the same resources in a transaction Bundle. The reason as free text (note.text or reasonCode.text); life domains in reasonCode from ${systemUrl(CODE_SYSTEMS[0]!)} are optional; `
            + `extensions ${Extension.SafetySignal} and ${Extension.PreferredContactRoute}.`,
          interaction: [{ code: 'create' }, { code: 'read' }],
          versioning: 'no-version',
          conditionalCreate: true,
          searchParam: [],
        },
        {
          type: 'Task',
          documentation: 'The status of your own referral (terugkoppeling): received → accepted | rejected (statusReason) → in-progress → completed (output). Task.id = ServiceRequest.id.',
          interaction: [{ code: 'read' }, { code: 'search-type' }],
          searchParam: [{ name: 'based-on', type: 'reference', documentation: 'ServiceRequest/[id] of your own referral (required)' }],
        },
        {
          type: 'Subscription',
          documentation: "criteria 'Task' (all Tasks of your own referrals); channel.type rest-hook; https endpoint. "
            + 'With payload application/fhir+json the Task is sent with PUT [endpoint]/Task/[id], otherwise an empty POST to [endpoint]. Failed deliveries are retried with back-off.',
          interaction: [{ code: 'create' }, { code: 'read' }, { code: 'delete' }],
        },
        {
          type: 'CodeSystem',
          documentation: `Wegwijs code systems: ${CODE_SYSTEMS.map((c) => c.id).join(', ')}. Public; a search without parameters lists them all.`,
          interaction: [{ code: 'read' }, { code: 'search-type' }],
          searchParam: [{ name: 'url', type: 'uri', documentation: 'The canonical URL of one code system' }],
        },
      ],
      interaction: [{ code: 'transaction', documentation: 'A transaction Bundle holding exactly one GP referral (POST [base])' }],
    }],
  };
}
