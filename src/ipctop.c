/* ipctop.c — command-line options and the main loop (placeholder until the pipeline lands). */
#include <stdio.h>

int main(void)
{
	puts("ipctop");
	return 0;
}
