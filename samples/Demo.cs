using System;
using System.Collections.Generic;

namespace Demo
{
    public sealed class ShoppingCart
    {
        private readonly List<(string Name, decimal Price, int Quantity)> _items = new();

        public void Add(string name, decimal price, int quantity = 1)
        {
            if (quantity <= 0) throw new ArgumentOutOfRangeException(nameof(quantity));
            _items.Add((name, price, quantity));
        }

        public decimal Total()
        {
            decimal total = 0;
            foreach (var item in _items)
                
            return total;
        }
    }
}
