import { wordArg } from './basic.args';
import { readPrice, readQuantity } from './grammar';

// Quantities and prices as traders type them (/buy, /sell).

/** `100`, `2.5`, `1,000` shares; not `1,5` (ambiguous), `1e23` or more than the bound */
export const quantityArg = (name = 'the quantity') => wordArg((w) => readQuantity(w, name));

/** `43.03`, `$43.03`, `$1,250` a share */
export const priceArg = (name = 'the price') => wordArg((w) => readPrice(w, name));
