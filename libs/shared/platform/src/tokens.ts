/** Injection tokens shared by every service. */
export const SERVICE_CONFIG = Symbol('SERVICE_CONFIG');
export const MESSAGE_BUS = Symbol('MESSAGE_BUS');
export const SERVICE_NAME = Symbol('SERVICE_NAME');
