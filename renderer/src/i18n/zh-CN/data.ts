/** Strings of the data view. */
export default {};
