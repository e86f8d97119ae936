/** What a client may consent to sharing for (AVG art. 6 lid 1a, art. 9 lid 2a). Pure constants, shared by server and UI. */
export const ConsentPurpose = {
  ShareWithGeneralPractitioner: 'share_with_gp',
  ShareWithProvider: 'share_with_provider',
  ShareWithPartner: 'share_with_partner',
  ContactNetwork: 'contact_network',
  ShareWithSchool: 'share_with_school',
} as const;
export type ConsentPurpose = (typeof ConsentPurpose)[keyof typeof ConsentPurpose];
