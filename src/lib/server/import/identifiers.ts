// Direct identifiers never enter the database (domain.md section 5). A file carrying a column
// that looks like one is refused whole: a data manager who exported it by mistake must remove
// the column at the source rather than have us silently drop it.

// Whole words of a header (split on anything that is not a letter or digit, and on camelCase).
const IDENTIFIER_WORDS = new Set([
	'name',
	'names',
	'firstname',
	'lastname',
	'surname',
	'forename',
	'fullname',
	'givenname',
	'familyname',
	'initials',
	'mrn',
	'ssn',
	'sin',
	'nhs',
	'dob',
	'birthdate',
	'birthday',
	'phone',
	'telephone',
	'mobile',
	'cell',
	'fax',
	'email',
	'mail',
	'address',
	'street',
	'zip',
	'zipcode',
	'postcode',
	'postal'
]);

// Fragments that mark an identifier wherever they appear in the squashed header.
const IDENTIFIER_FRAGMENTS = [
	'firstname',
	'lastname',
	'fullname',
	'patientname',
	'surname',
	'birth',
	'medicalrecord',
	'socialsecurity',
	'phone',
	'email',
	'address',
	'postcode',
	'postalcode',
	'zipcode'
];

// "clinic_name" or "instrument_name" name a thing, not a person.
const NAMED_THINGS = new Set([
	'clinic',
	'clinician',
	'site',
	'instrument',
	'drug',
	'file',
	'study'
]);

/** True when a header names a direct identifier (name, MRN, SSN, birth date, contact, address). */
export function looksLikeDirectIdentifier(header: string): boolean {
	const words = header
		.replace(/([a-z])([A-Z])/g, '$1 $2')
		.toLowerCase()
		.split(/[^a-z0-9]+/)
		.filter(Boolean);
	const personal = words.filter(
		(w, i) => !(w === 'name' && i > 0 && NAMED_THINGS.has(words[i - 1]))
	);
	if (personal.some((w) => IDENTIFIER_WORDS.has(w))) return true;
	const squashed = words.join('');
	return IDENTIFIER_FRAGMENTS.some((f) => squashed.includes(f));
}
