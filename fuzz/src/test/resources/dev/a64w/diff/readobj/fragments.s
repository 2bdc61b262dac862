	// A function of just over 1 MiB: LLVM MC cuts its unwind data into two fragments, the second
	// with end_c and the parent's prologue codes as a phantom prologue (reference 6.2).
	.text
	.globl f_big
	.p2align 2
f_big:
	.seh_proc f_big
	stp x29, x30, [sp, #-32]!
	.seh_save_fplr_x 32
	str x19, [sp, #16]
	.seh_save_reg x19, 16
	mov x29, sp
	.seh_set_fp
	.seh_endprologue
	.rept 0x40000
	nop
	.endr
	.seh_startepilogue
	ldr x19, [sp, #16]
	.seh_save_reg x19, 16
	ldp x29, x30, [sp], #32
	.seh_save_fplr_x 32
	.seh_endepilogue
	ret
	.seh_endproc
