import { describe, expect, it } from 'vitest';
import { looksLikeDirectIdentifier } from './identifiers';

describe('looksLikeDirectIdentifier', () => {
	it.each([
		'name',
		'Name',
		'first_name',
		'FirstName',
		'last name',
		'surname',
		'patient_name',
		'MRN',
		'medical_record_number',
		'ssn',
		'social_security_no',
		'dob',
		'date_of_birth',
		'BirthDate',
		'phone',
		'mobile',
		'telephone_number',
		'email',
		'E-Mail',
		'home_address',
		'street',
		'zip',
		'ZipCode',
		'postcode',
		'postal_code'
	])('refuses %s', (header) => {
		expect(looksLikeDirectIdentifier(header)).toBe(true);
	});

	it.each([
		'patient_code',
		'clinic',
		'clinician',
		'primary_indication',
		'age_band',
		'sex',
		'enrolled_on',
		'discharged_on',
		'administered_on',
		'dose_mg_per_kg',
		'instrument',
		'total',
		'items',
		'clinic_name',
		'ethnicity'
	])('accepts %s', (header) => {
		expect(looksLikeDirectIdentifier(header)).toBe(false);
	});
});
