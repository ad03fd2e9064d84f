import bcrypt from 'bcrypt';

/** bcrypt cost for every stored password (admins and tables). */
export const BCRYPT_COST = 10;

export const hashPassword = (plain: string, cost = BCRYPT_COST) => bcrypt.hash(plain, cost);
export const verifyPassword = (plain: string, hash: string) => bcrypt.compare(plain, hash);

/**
 * A hash to compare against when the account does not exist, so an unknown user costs the same
 * time as a wrong password and timing tells nothing.
 */
export const DUMMY_HASH = bcrypt.hashSync('not-a-real-password-used-for-timing', BCRYPT_COST);
