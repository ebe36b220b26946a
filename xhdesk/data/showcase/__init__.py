"""四亮, 党员责任区 and 先锋示范岗 of stations and members, each with the date it was set."""
