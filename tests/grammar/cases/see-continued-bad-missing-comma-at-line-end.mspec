# The first line of the list does not end with a comma.
rule SC1: Be honest with the user.
  see: SC2, SC3
    SC4
  rationale: Trust depends on it.
