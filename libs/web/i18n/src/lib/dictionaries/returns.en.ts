import type { DictionaryShape } from './dictionary';
import type { returnsRu } from './returns.ru';

/** English texts of returns, typed against the Russian ones. */
export const returnsEn: DictionaryShape<typeof returnsRu> = {
  returns: {
    chip: 'Return',
    title: 'Return {name}',
    untitled: 'Return of {date}',
    ofSale: 'Return of sale',
    openSale: 'Open the sale',
    listTitle: 'Returns',
    none: 'Nothing of this sale has been returned',
    returned: 'Returned',
    left: 'Left',
    register: 'Register a return',
    form: {
      title: 'Return of sale {name}',
      amount: 'Amount given back',
      amountHint: 'At most {left}',
      invalidAmount: 'An amount above zero and at most what is left',
      soldAt: 'Returned on',
      status: 'Status',
      externalId: 'Return number',
      items: 'Goods returned',
      itemsHint: 'Enter how many of each line come back, if any',
      quantity: 'Qty of {left}',
      invalidQuantity: 'From 0 to {left}',
      created: 'Return registered',
      nothingLeft: 'Everything of this sale has been returned',
    },
  },
};
