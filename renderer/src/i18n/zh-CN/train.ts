/** Strings of the train view. */
export default {};
