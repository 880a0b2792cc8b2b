export { GetEmail, type GetEmailProps, type GetEmailResult } from './GetEmail.js';
