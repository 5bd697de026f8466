/** Strings of the network view. */
export default {};
